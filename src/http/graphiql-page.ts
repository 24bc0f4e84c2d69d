import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL's tabs can be dragged to reorder them (framer-motion's Reorder). With three tabs or
 * more, the items come to rest with a stale drag offset that only takes effect on pointerdown, so
 * the pressed tab jumps away from the pointer and the click lands on the tab bar: no tab switches
 * (seen in Chromium 156 with Yoga's GraphiQL 5). Holding the tabs in place keeps clicks working;
 * dragging to reorder loses its animation, nothing else.
 */
const TAB_CLICK_FIX = '<style>.graphiql-tabs > .graphiql-tab { transform: none !important; }</style>';

/** Yoga's GraphiQL page with the tab fix above. */
export function renderGatewayGraphiQL(options: GraphiQLOptions): string {
  const page = renderGraphiQL(options);
  const head = page.indexOf('</head>');
  return head === -1 ? page : `${page.slice(0, head)}${TAB_CLICK_FIX}\n${page.slice(head)}`;
}
