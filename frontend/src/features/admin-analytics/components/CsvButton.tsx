import { useState } from 'react';
import { Button, useToast } from '@/components';
import { downloadCsv, type SeriesName, type SeriesRange } from '@/features/admin/api/analytics';
import { errorMessage } from '@/lib/api/errors';

export function CsvButton({ name, range, label }: { name: SeriesName | 'overview'; range: SeriesRange; label: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const file = await downloadCsv(name, range);
      toast({ title: `Downloading ${file}`, tone: 'success' });
    } catch (error) {
      toast({ title: 'Could not download', description: errorMessage(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="secondary" busy={busy} onClick={() => void download()}>
      {label}
    </Button>
  );
}
