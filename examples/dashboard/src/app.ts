// The management dashboard example: a manager's view over the demo bank, signed in with the demo
// token from the link `npm start` prints (#token=…). /auto loads the dashboard's chunk because the
// page has a <ck-complaint-dashboard>.
import { configure } from '@complaintkit/widgets/auto';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('ck-manager-token') ?? undefined;
if (token) sessionStorage.setItem('ck-manager-token', token);
configure({ baseUrl: location.origin, token });

document.addEventListener('ck-ready', (e) => {
  if ((e.target as Element).localName !== 'ck-complaint-dashboard') return;
  // For the tests and bench/dashboard-render.mjs: when every part showed the service's figures.
  document.documentElement.dataset.readyAt = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = 'true';
});
