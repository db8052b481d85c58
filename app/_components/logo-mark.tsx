// The Keydesk mark: a key inside a speech bubble (recovery + support). Same drawing as public/icon.svg.
/** The mark alone, decorative (pair it with text or an aria-label on the parent). */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path
        d="M7 9.5A3 3 0 0 1 10 6.5h12a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-7.2L10 25v-4.5a3 3 0 0 1-3-3z"
        fill="#ffffff"
      />
      <g fill="none" stroke="#4f46e5" strokeWidth="2" strokeLinecap="round">
        <circle cx="12.2" cy="13.5" r="2.6" />
        <path d="M14.8 13.5h6.2M18.6 13.5v2.4M21 13.5v1.9" />
      </g>
    </svg>
  );
}
