export function DrawingVerifyPage() {
  return null;
}
