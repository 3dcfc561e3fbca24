import { Button } from './Button';

export interface PaginationInfo {
  page: number;
  totalPages: number;
  totalItems: number;
}

export function Pagination({ info, onPage }: { info: PaginationInfo; onPage: (page: number) => void }) {
  if (info.totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      <Button variant="secondary" disabled={info.page <= 1} onClick={() => onPage(info.page - 1)}>
        Previous
      </Button>
      <span className="pagination-status">
        Page {info.page} of {info.totalPages}
      </span>
      <Button variant="secondary" disabled={info.page >= info.totalPages} onClick={() => onPage(info.page + 1)}>
        Next
      </Button>
    </nav>
  );
}
