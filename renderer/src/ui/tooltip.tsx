/**
 * A tooltip: a short text label shown on hover and on keyboard focus, after a short delay,
 * and dismissed with Escape (WAI-ARIA tooltip pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/tooltip/). Built on Radix's Tooltip, which handles
 * the timing, positioning and focus rules; the trigger keeps its own accessible name, so the
 * tooltip is a visual aid and never the only name of a control.
 */
import type { ReactElement, ReactNode } from 'react';
import { Tooltip as RadixTooltip } from 'radix-ui';
import './ui.css';

/** Wrap the app once: tooltips share one open delay (ms) and skip it when moving between them. */
export function TooltipProvider({ children }: { children: ReactNode }) {
  return (
    <RadixTooltip.Provider delayDuration={500} skipDelayDuration={300}>
      {children}
    </RadixTooltip.Provider>
  );
}

/** Props of a tooltip: the trigger element (one element that takes a ref) and the text. */
export interface TooltipProps {
  content: ReactNode;
  side?: 'top' | 'bottom' | 'left' | 'right';
  children: ReactElement;
}

/**
 * Show `content` beside `children` on hover or focus. Outside a TooltipProvider (a component
 * test that renders one control) Radix would throw, so the provider is added here too; nested
 * providers are allowed and the nearest wins.
 */
export function Tooltip({ content, side = 'top', children }: TooltipProps) {
  return (
    <RadixTooltip.Provider delayDuration={500} skipDelayDuration={300}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content className="ui-tooltip" side={side} sideOffset={6}>
            {content}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  );
}
