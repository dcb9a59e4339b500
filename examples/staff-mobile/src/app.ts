// The staff mobile office example: a handler's inbox, signed in with the demo token from the link
// `npm start` prints (#token=…). Picking a complaint shows its timeline beside the inbox.
import { type ComplaintStatus, configure } from '@complaintkit/widgets/auto';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('ck-staff-token') ?? undefined;
if (token) sessionStorage.setItem('ck-staff-token', token);
configure({ baseUrl: location.origin, token });

const status = document.querySelector('ck-complaint-status') as ComplaintStatus;
const detail = document.querySelector('#detail') as HTMLElement;
document.addEventListener('ck-select', (e) => {
  status.complaintId = e.detail.complaintNumber;
  detail.hidden = false;
});
document.addEventListener('ck-ready', async (e) => {
  if ((e.target as Element).localName !== 'ck-staff-inbox') return;
  const res = await fetch('/v1/me', { headers: { authorization: `Bearer ${token ?? ''}` } });
  if (!res.ok) return;
  const me = (await res.json()) as { actor: { id: string; role?: string }; organisation: { name: string } | null };
  (document.querySelector('#who') as HTMLElement).textContent = `${me.organisation?.name ?? ''} · ${me.actor.id} (${me.actor.role ?? ''})`;
});
