import * as RadixToast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

type Tone = 'success' | 'error' | 'info';
interface ToastItem {
  id: number;
  title: string;
  description?: string | undefined;
  tone: Tone;
  /** Raised as the page changes (e.g. "Your account is deleted", then home): it belongs to the next page. */
  forNextPage: boolean;
}

type Notify = (toast: { title: string; description?: string; tone?: Tone; forNextPage?: boolean }) => void;

const ToastContext = createContext<Notify>(() => undefined);
const PageChangeContext = createContext<() => void>(() => undefined);

let nextId = 1;

/** How many toasts show at once: one on a phone-sized screen (375 px), where a second covers the page. */
function shownAtOnce(): number {
  return typeof window !== 'undefined' && window.matchMedia?.('(max-width: 600px)').matches ? 1 : 3;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const notify = useCallback<Notify>(({ title, description, tone = 'info', forNextPage = false }) => {
    // The newest replaces the oldest, so they never pile up.
    setToasts((list) => [...list, { id: nextId++, title, description, tone, forNextPage }].slice(-shownAtOnce()));
  }, []);
  // A page's toasts are about that page: they go with it, except those raised for the next one.
  const pageChanged = useCallback(() => {
    setToasts((list) => list.filter((t) => t.forNextPage).map((t) => ({ ...t, forNextPage: false })));
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      <PageChangeContext.Provider value={pageChanged}>
      <RadixToast.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((t) => (
          <RadixToast.Root
            key={t.id}
            className={`toast toast-${t.tone}`}
            onOpenChange={(open) => {
              if (!open) setToasts((list) => list.filter((x) => x.id !== t.id));
            }}
          >
            <RadixToast.Title className="toast-title">{t.title}</RadixToast.Title>
            {t.description ? (
              <RadixToast.Description className="toast-description">{t.description}</RadixToast.Description>
            ) : null}
            <RadixToast.Close className="toast-close" aria-label="Dismiss">
              ×
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="toast-viewport" />
      </RadixToast.Provider>
      </PageChangeContext.Provider>
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  return useContext(ToastContext);
}

/** Called by the layout with the current path: a new page drops the last page's toasts. */
export function useToastsPerPage(pathname: string) {
  const pageChanged = useContext(PageChangeContext);
  useEffect(() => pageChanged(), [pathname, pageChanged]);
}
