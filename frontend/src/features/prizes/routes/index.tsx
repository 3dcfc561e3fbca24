export function PrizesPage() {
  return null;
}
