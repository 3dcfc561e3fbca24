import { Button, Card } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatNumber } from '@/lib/format';
import { useVerifyChain, type ChainVerification } from '../api/audit';
import '@/features/admin/components/console.css';

function Verdict({ result }: { result: ChainVerification }) {
  if (result.ok) {
    return <p className="chain-ok">Chain intact: {formatNumber(result.checked)} entries checked.</p>;
  }
  return (
    <div>
      <p className="chain-broken">
        Chain broken at entry #{result.firstBadSeq ?? '?'}: {result.problem ?? 'it does not verify'}.
      </p>
      <p className="small">
        {formatNumber(result.checked)} entries checked. Entries from #{result.firstBadSeq ?? '?'} on cannot be trusted
        as recorded.
      </p>
    </div>
  );
}

/** GET /admin/audit/verify: recomputes every entry's hash and link. */
export function ChainCheck() {
  const verify = useVerifyChain();
  return (
    <Card title="Hash chain" actions={<Button variant="secondary" busy={verify.isPending} onClick={() => verify.mutate()}>Check chain</Button>}>
      <div role="status" aria-live="polite">
        {verify.data ? <Verdict result={verify.data} /> : null}
        {verify.isError ? <p className="chain-broken">Could not check: {errorMessage(verify.error)}</p> : null}
        {!verify.data && !verify.isError ? <p className="muted small">Each entry's hash covers its fields and the previous entry's hash; the check recomputes all of them.</p> : null}
      </div>
    </Card>
  );
}
