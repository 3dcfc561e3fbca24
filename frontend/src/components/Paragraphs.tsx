/** Text someone typed (an appeal, a note), one paragraph per line, blank lines dropped. */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  return (
    <blockquote className={['stack', className].filter(Boolean).join(' ')}>
      {text
        .split(/\n+/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </blockquote>
  );
}
