// The ComplaintKit widgets in a Vue 3 app, without single-file components or a template compiler:
// render functions (`h`) with Vue's runtime-only ESM build, so the page runs under the strict CSP
// the example pages are served with (Vue's runtime template compiler needs 'unsafe-eval').
// Signed in with the demo customer token from the link `npm start` prints (#token=…).
import { configure } from '@complaintkit/widgets/auto';
import { createApp, defineComponent, h, ref } from 'vue';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('ck-vue-token') ?? undefined;
if (token) sessionStorage.setItem('ck-vue-token', token);
configure({ baseUrl: location.origin, token });

type Detail<T> = CustomEvent<T>;

/**
 * A page of a Vue app: the complaint form; the customer's list; the status and survey of the
 * complaint just sent or picked. Vue sets `complaint-id` as an attribute, `token`-like values as
 * properties (a key the element has), and `onCkSubmitted` listens to the `ck-submitted` DOM event.
 */
const ComplaintPage = defineComponent({
  name: 'ComplaintPage',
  setup() {
    const selected = ref<string | null>(null);
    return () =>
      h('div', { class: 'page' }, [
        h('section', { 'aria-label': '我要投诉' }, [
          h('ck-complaint-form', {
            'draft-id': 'vue-home',
            // Where the customer banks (the demo customer: 海淀支行), so the complaint goes to that branch, not head office.
            'region-code': '110108',
            onCkSubmitted: (e: Detail<{ complaintNumber: string | null; queued: boolean }>) => {
              if (!e.detail.queued && e.detail.complaintNumber) selected.value = e.detail.complaintNumber;
            },
          }),
        ]),
        h('p', { id: 'selected', class: 'selected', role: 'status' }, selected.value ? `当前投诉：${selected.value}` : ''),
        h('section', { 'aria-label': '我的投诉' }, [
          h('ck-complaint-list', { onCkSelect: (e: Detail<{ complaintNumber: string }>) => (selected.value = e.detail.complaintNumber) }),
        ]),
        selected.value
          ? h('section', { 'aria-label': '投诉进度', key: selected.value }, [
              h('ck-complaint-status', { 'complaint-id': selected.value }),
              h('ck-satisfaction-survey', { 'complaint-id': selected.value }),
            ])
          : null,
      ]);
  },
});

createApp(ComplaintPage).mount('#app');
