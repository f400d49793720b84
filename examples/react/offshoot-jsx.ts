// Teaches TypeScript's JSX about <offshoot-player> and its attributes (React 19 passes
// them to the custom element; boolean attributes are set when true).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OffshootPlayerElement } from 'offshoot';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'offshoot-player': DetailedHTMLProps<HTMLAttributes<OffshootPlayerElement>, OffshootPlayerElement> & {
        src?: string;
        autoplay?: boolean;
        muted?: boolean;
        controls?: boolean;
        persist?: boolean;
        'base-url'?: string;
        'generation-url'?: string;
      };
    }
  }
}
