// The app shell around the widgets: tabs, language, dark theme and the offline banner.
import { configure } from '@complaintkit/widgets/auto';

type View = 'new' | 'mine' | 'detail';

/** Wires the shell's buttons; returns `show(view)`. */
export function shell(): { show(view: View): void } {
  const $ = (s: string) => document.querySelector(s) as HTMLElement;
  const lang = () => document.documentElement.lang;
  const words = () => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-zh]')) el.textContent = lang() === 'en' ? (el.dataset.en ?? '') : (el.dataset.zh ?? '');
    $('#lang').textContent = lang() === 'en' ? '中文' : 'English';
    $('#lang').lang = lang() === 'en' ? 'zh-CN' : 'en';
    document.title = lang() === 'en' ? 'Complaints · Example Bank' : '投诉与建议 · 示例银行';
  };
  const show = (view: View) => {
    for (const v of ['new', 'mine', 'detail'] as const) $(`#view-${v}`).hidden = v !== view;
    for (const b of document.querySelectorAll<HTMLElement>('.tabs button')) {
      if (b.dataset.view === view || (view === 'detail' && b.dataset.view === 'mine')) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    scrollTo(0, 0);
  };
  for (const b of document.querySelectorAll<HTMLElement>('.tabs button')) b.addEventListener('click', () => show(b.dataset.view as View));
  $('#back').addEventListener('click', () => show('mine'));
  $('#lang').addEventListener('click', () => {
    document.documentElement.lang = lang() === 'en' ? 'zh-CN' : 'en';
    configure({ locale: lang() });
    words();
  });
  $('#dark').addEventListener('click', () => {
    const dark = $('#dark').getAttribute('aria-pressed') !== 'true';
    $('#dark').setAttribute('aria-pressed', String(dark));
    ($('#theme') as HTMLLinkElement).href = dark ? 'themes/dark.css' : 'themes/light.css';
  });
  const online = () => {
    $('#offline').hidden = navigator.onLine;
  };
  addEventListener('online', online);
  addEventListener('offline', online);
  online();
  words();
  return { show };
}
