import '@/features/admin/components/console.css';
import type { Sponsor } from '../api/sponsors';

/**
 * The site's CSP allows images only from its own origin (`img-src 'self' data:`, SITE_CSP in
 * shared/fittrack/http/headers.py), while the API stores any http(s) logo address. A logo
 * elsewhere would be blocked and reported as a CSP violation, so it is not requested at all.
 */
export function loadableLogo(logoUrl: string | null): string | null {
  if (!logoUrl) return null;
  try {
    return new URL(logoUrl).origin === window.location.origin ? logoUrl : null;
  } catch {
    return null;
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The sponsor's logo, or its initials (decorative: the name is written beside it) when it has
 * none the site can load. */
export function SponsorLogo({ sponsor, size = 32 }: { sponsor: Sponsor; size?: 32 | 64 }) {
  const src = loadableLogo(sponsor.logoUrl);
  if (!src) {
    return (
      <span className={`sponsor-logo sponsor-logo-${size} sponsor-initials`} aria-hidden="true">
        {initials(sponsor.name)}
      </span>
    );
  }
  return <img className={`sponsor-logo sponsor-logo-${size}`} src={src} alt={sponsor.name} width={size} height={size} loading="lazy" />;
}

/** In the edit dialog: the saved logo, or why the console does not show it. */
export function CurrentLogo({ sponsor }: { sponsor: Sponsor }) {
  if (!sponsor.logoUrl) return null;
  if (!loadableLogo(sponsor.logoUrl)) {
    return (
      <p className="muted small">
        The saved logo is on another site, so the console does not show it: this site loads images only from its own
        address.
      </p>
    );
  }
  return (
    <div className="row">
      <SponsorLogo sponsor={sponsor} size={64} />
      <span className="muted small">Current logo</span>
    </div>
  );
}
