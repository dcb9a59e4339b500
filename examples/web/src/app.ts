// The demo H5 page: complaint entry, status with live updates, and the satisfaction survey, as a
// mobile-banking app embeds them. Every piece of service text is written with textContent.
import { type Complaint, type ComplaintCreateInput, ComplaintKitError, createComplaintClient } from '@complaintkit/core';
import { statusLabel } from '@complaintkit/core/domain';
import { createOutbox, IndexedDBStorage, OutboxValidationError } from '@complaintkit/core/outbox';
import '@complaintkit/widgets/define';
import { filter, firstValueFrom, type Subscription } from 'rxjs';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tokenInput = $<HTMLInputElement>('token');
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
tokenInput.value = fromHash ?? sessionStorage.getItem('ck-token') ?? '';

let watching: Subscription | undefined;
const client = () => createComplaintClient({ baseUrl: location.origin, token: tokenInput.value.trim() });
const say = (el: HTMLElement, text: string, error = false) => {
  el.textContent = text;
  el.classList.toggle('error', error);
};
// Complaints go through the offline outbox: saved on the device first (with the Idempotency-Key that
// makes the send exactly-once), sent at once when online, or when the network returns.
const outbox = createOutbox({
  client: {
    complaints: {
      create: (input, options) => client().complaints.create(input, options),
      followUp: (id, body, options) => client().complaints.followUp(id, body, options),
    },
  },
  storage: new IndexedDBStorage({ name: 'complaintkit-demo-outbox' }),
});
const explain = (e: unknown) => (e instanceof ComplaintKitError ? e.message : '网络异常，请稍后再试 (network error, try again)');

async function refresh() {
  sessionStorage.setItem('ck-token', tokenInput.value.trim());
  const list = $('mine');
  try {
    const me = await client().identity.me();
    say($('who'), me.actor.kind === 'customer' ? `客户 ${me.actor.id}` : `${me.actor.kind} ${me.actor.id}`);
    const page = await client().complaints.list({ limit: 20 });
    list.replaceChildren(
      ...page.data.map((c) => {
        const li = document.createElement('li');
        const title = document.createElement('span');
        title.textContent = `${c.id} · ${c.description.slice(0, 24)}`;
        const badge = document.createElement('ck-status-badge');
        badge.setAttribute('status', c.status);
        li.append(title, badge);
        li.addEventListener('click', () => show(c.id));
        return li;
      }),
    );
  } catch (e) {
    say($('who'), explain(e), true);
  }
}

function render(c: Complaint) {
  $('detail').hidden = false;
  const badge = $('badge');
  badge.setAttribute('status', c.status);
  badge.setAttribute('complaint-id', c.id);
  $('timeline').replaceChildren(
    ...c.timeline.map((e) => {
      const li = document.createElement('li');
      li.textContent = `${new Date(e.at).toLocaleString('zh-CN')} · ${statusLabel(e.toStatus)}${e.reason ? ` · ${e.reason}` : ''}`;
      return li;
    }),
  );
  const survey = $<HTMLFormElement>('survey');
  survey.hidden = c.status !== 'responded';
  survey.dataset.id = c.id;
}

function show(id: string) {
  watching?.unsubscribe();
  watching = client().complaints.watch(id).subscribe({ next: render, error: (e) => say($('survey-status'), explain(e), true) });
}

$<HTMLFormElement>('new').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target as HTMLFormElement);
  const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
  const input: ComplaintCreateInput = {
    intakeChannel: 'mobile_app',
    businessChannel: 'A010303',
    businessCategory: f.get('businessCategory') as ComplaintCreateInput['businessCategory'],
    cause: f.get('cause') as ComplaintCreateInput['cause'],
    complainant: { name: text('name') ?? '', phone: text('phone') },
    description: text('description') ?? '',
    requestedResolution: text('requestedResolution'),
  };
  const status = $('new-status');
  try {
    const item = await outbox.add('complaint', input);
    (ev.target as HTMLFormElement).reset();
    say(status, navigator.onLine ? '正在提交… (sending)' : '已保存，联网后自动提交 (saved; it will be sent when you are online)');
    const done = await firstValueFrom(outbox.item$(item.id).pipe(filter((i) => i?.state === 'sent' || i?.state === 'failed')));
    if (done?.state === 'sent' && done.result) {
      say(status, `已提交，编号 ${done.result.complaintId} (submitted)`);
      await refresh();
      show(done.result.complaintId);
    } else {
      say(status, done?.failure?.message ?? '提交失败 (not accepted)', true);
    }
  } catch (e) {
    say(status, e instanceof OutboxValidationError ? `请检查：${e.fields.map((f) => f.path).join('、')}` : explain(e), true);
  }
});

$<HTMLFormElement>('survey').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = ev.target as HTMLFormElement;
  const f = new FormData(form);
  try {
    // Survey answers go through the outbox too: a rating given in a lift reaches the bank later.
    const item = await outbox.add('survey', {
      complaintId: form.dataset.id ?? '',
      answer: { reached: true, satisfaction: Number(f.get('score')), decisionAccepted: f.get('accepted') === 'on' },
    });
    say($('survey-status'), navigator.onLine ? '正在提交… (sending)' : '已保存，联网后自动提交 (saved)');
    const done = await firstValueFrom(outbox.item$(item.id).pipe(filter((i) => i?.state === 'sent' || i?.state === 'failed')));
    if (done?.state === 'sent') say($('survey-status'), '感谢您的评价 (thank you)');
    else say($('survey-status'), done?.failure?.message ?? '提交失败 (not accepted)', true);
  } catch (e) {
    say($('survey-status'), explain(e), true);
  }
});

tokenInput.addEventListener('change', refresh);
if (tokenInput.value) void refresh();
