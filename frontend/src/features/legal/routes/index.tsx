import Markdown from 'react-markdown';
import { Link, useParams } from 'react-router-dom';
import { Card, EmptyState, ErrorState, PageHeader, Spinner } from '@/components';
import { ApiError } from '@/lib/api/errors';
import { isLegalKind, useLegalDocument, type LegalDocument, type LegalKind } from '../api/legal';

function NotFound() {
  return (
    <EmptyState title="This document was not found">
      <p>
        There is no such document or version. See the current <Link to="/legal/terms">Terms of Service</Link>,{' '}
        <Link to="/legal/privacy">Privacy Policy</Link> or <Link to="/legal/sweepstakes-rules">Sweepstakes Rules</Link>.
      </p>
    </EmptyState>
  );
}

function VersionNote({ doc }: { doc: LegalDocument }) {
  if (doc.current) return <>Version {doc.version} (in force)</>;
  return (
    <>
      Version {doc.version}, superseded by <Link to={`/legal/${doc.kind}/${doc.currentVersion}`}>version {doc.currentVersion}</Link>
    </>
  );
}

function LegalDocumentView({ kind, version }: { kind: LegalKind; version?: string }) {
  const query = useLegalDocument(kind, version);
  if (query.isPending) return <Spinner label="Loading the document" />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const doc = query.data;
  return (
    <>
      <PageHeader title={doc.title} subtitle={<VersionNote doc={doc} />} />
      <Card>
        {/* react-markdown builds React elements and drops raw HTML, so API text cannot inject markup. */}
        <div className="legal-text">{doc.text.trim() ? <Markdown components={BELOW_PAGE_TITLE}>{doc.text}</Markdown> : <EmptyState title="This document has no text yet" />}</div>
      </Card>
    </>
  );
}

// The page header is the one h1; the document's own headings sit one level below it.
const BELOW_PAGE_TITLE = { h1: 'h2', h2: 'h3', h3: 'h4' } as const;

export function LegalPage() {
  const { kind, version } = useParams();
  if (!isLegalKind(kind)) return <NotFound />;
  return <LegalDocumentView kind={kind} version={version} />;
}
