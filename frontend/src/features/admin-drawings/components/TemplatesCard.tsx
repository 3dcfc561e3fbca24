export function TemplatesCard() { return null; }
