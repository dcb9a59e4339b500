// Intercom-style command queue: calls made before cdn/loader.js has loaded wait in ComplaintKit.q.
if (!window.ComplaintKit) {
  const queue = (...command) => queue.q.push(command);
  queue.q = [];
  window.ComplaintKit = queue;
}
const token = new URLSearchParams(location.hash.slice(1)).get('token') || undefined;
ComplaintKit('configure', { baseUrl: location.origin, token });
// regionCode: where the customer banks (the demo customer: 海淀支行), so the complaint goes to that branch, not head office.
ComplaintKit('mount', '#complaint', 'complaint-form', { draftId: 'plain-html', regionCode: '110108' });
ComplaintKit('on', 'submitted', (detail) => {
  document.getElementById('said').textContent = detail.queued ? '已保存，联网后自动提交' : `已提交：${detail.complaintNumber}`;
});
