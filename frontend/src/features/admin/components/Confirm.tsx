import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Button, Dialog } from '@/components';

interface Question {
  title: string;
  description: string;
  confirmLabel?: string;
}

/**
 * Destructive console actions ask first: `if (!(await confirm({...}))) return;` inside a
 * submit, so the form stays busy and its values stay put while the dialog is open.
 */
export function useConfirm(): { confirm: (question: Question) => Promise<boolean>; dialog: ReactNode } {
  const [question, setQuestion] = useState<Question | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);

  const confirm = useCallback(
    (next: Question) =>
      new Promise<boolean>((resolve) => {
        answer.current = resolve;
        setQuestion(next);
      }),
    [],
  );

  function settle(yes: boolean) {
    answer.current?.(yes);
    answer.current = null;
    setQuestion(null);
  }

  const dialog = (
    <Dialog
      open={question !== null}
      onOpenChange={(open) => (open ? undefined : settle(false))}
      title={question?.title ?? ''}
      {...(question ? { description: question.description } : {})}
    >
      <div className="row section">
        <Button variant="danger" onClick={() => settle(true)}>
          {question?.confirmLabel ?? 'Confirm'}
        </Button>
        <Button variant="ghost" onClick={() => settle(false)}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
  return { confirm, dialog };
}
