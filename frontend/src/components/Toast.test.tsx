import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, useToast, useToastsPerPage } from './Toast';

let notify: ReturnType<typeof useToast> = () => undefined;

function Page({ path }: { path: string }) {
  notify = useToast();
  useToastsPerPage(path);
  return <p>{path}</p>;
}

function renderAt(path: string) {
  const utils = render(
    <ToastProvider>
      <Page path={path} />
    </ToastProvider>,
  );
  return { goTo: (next: string) => utils.rerender(<ToastProvider><Page path={next} /></ToastProvider>) };
}

const titles = () => Array.from(document.querySelectorAll('.toast-title')).map((t) => t.textContent);

function screenWidth(px: number) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: px <= Number(/max-width: (\d+)px/.exec(query)?.[1] ?? 0) }));
}

afterEach(() => vi.unstubAllGlobals());

describe('toasts', () => {
  it('go with the page they were raised on', async () => {
    const { goTo } = renderAt('/prizes');
    act(() => notify({ title: 'Address confirmed' }));
    expect(await screen.findByText('Address confirmed')).toBeInTheDocument();
    goTo('/account');
    expect(titles()).toEqual([]);
  });

  it('raised for the next page, show there and then go too', async () => {
    const { goTo } = renderAt('/privacy');
    act(() => notify({ title: 'Your account is deleted', forNextPage: true }));
    goTo('/');
    expect(await screen.findByText('Your account is deleted')).toBeInTheDocument();
    goTo('/login');
    expect(titles()).toEqual([]);
  });

  it('do not pile up: one at a time at 375 px, the newest; three on a wide screen', () => {
    screenWidth(375);
    renderAt('/drawings/1');
    act(() => ['First', 'Second', 'Third'].forEach((title) => notify({ title })));
    expect(titles()).toEqual(['Third']);
    screenWidth(1280);
    act(() => ['Fourth', 'Fifth', 'Sixth', 'Seventh'].forEach((title) => notify({ title })));
    expect(titles()).toEqual(['Fifth', 'Sixth', 'Seventh']);
  });
});
