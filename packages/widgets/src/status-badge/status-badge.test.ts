// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge.js';

customElements.get('ck-status-badge') ?? customElements.define('ck-status-badge', StatusBadge);

const mount = async (attrs: Record<string, string>) => {
  const el = document.createElement('ck-status-badge') as StatusBadge;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return el;
};

afterEach(() => document.body.replaceChildren());

describe('<ck-status-badge>', () => {
  it('shows the state in Chinese by default and in English on request', async () => {
    const zh = await mount({ status: 'under_review' });
    expect(zh.shadowRoot?.querySelector('[part=badge]')?.textContent).toBe('核查中');
    const en = await mount({ status: 'under_review', locale: 'en' });
    expect(en.shadowRoot?.querySelector('[part=badge]')?.textContent).toBe('Under review');
  });

  it('renders service text as text, never as markup', async () => {
    const el = await mount({ status: 'accepted', 'complaint-id': '<img src=x onerror="alert(1)">' });
    expect(el.shadowRoot?.querySelector('img')).toBeNull();
    expect(el.shadowRoot?.querySelector('[part=id]')?.textContent).toBe('<img src=x onerror="alert(1)">');
  });

  it('marks ended complaints with a tone hosts can style', async () => {
    expect((await mount({ status: 'withdrawn' })).getAttribute('tone')).toBe('stopped');
    expect((await mount({ status: 'closed' })).getAttribute('tone')).toBe('done');
    expect((await mount({ status: 'in_progress' })).getAttribute('tone')).toBe('open');
  });
});
