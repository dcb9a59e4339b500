// The example mobile-banking H5 page: the customer widgets embedded as a bank app would, signed in
// with the demo token from the link `npm start` prints (#token=…). No inline script or style: it
// runs under a strict Content-Security-Policy.
import { type ComplaintList, type ComplaintStatus, configure, type SatisfactionSurvey } from '@complaintkit/widgets/auto';
import { shell } from './shell.js';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('ck-demo-token') ?? undefined;
if (token) sessionStorage.setItem('ck-demo-token', token);
configure({ baseUrl: location.origin, token });

const ui = shell();
const list = document.querySelector('ck-complaint-list') as ComplaintList;
const status = document.querySelector('ck-complaint-status') as ComplaintStatus;
const survey = document.querySelector('ck-satisfaction-survey') as SatisfactionSurvey;

document.addEventListener('ck-submitted', (e) => {
  if (!e.detail.queued) void list.reload();
});
document.addEventListener('ck-select', (e) => {
  status.complaintId = e.detail.complaintNumber;
  survey.complaint = undefined;
  survey.complaintId = e.detail.complaintNumber;
  ui.show('detail');
});
// The survey opens once the bank has answered: hand it the complaint the status element follows.
document.addEventListener('ck-status-change', (e) => {
  if (e.target === status && status.complaint) survey.complaint = status.complaint;
});

// The page opens offline too: a service worker keeps the page and the widget code on the phone.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('sw.js').catch(() => undefined);
