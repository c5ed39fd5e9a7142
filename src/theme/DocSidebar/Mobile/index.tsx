import React, { memo, useMemo, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { NavbarSecondaryMenuFiller, ThemeClassNames } from '@docusaurus/theme-common';
import { useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/DocSidebar/Mobile';
import DocSidebarItems from '@theme/DocSidebarItems';

interface MenuProps {
  menu: Pick<Props, 'sidebar' | 'path'>;
}

/**
 * The theme's DocSidebarMobileSecondaryMenu, reading its props from `menu`, and rendering the
 * sidebar's items only once the reader has opened the phone menu. The theme fills the closed menu
 * right after hydration: a render of the whole course sidebar (links, categories, their DOM) in a
 * non-interruptible update, about 300 ms of one long task with the CPU slowed 4x on a phone-sized
 * lab page (scripts/bench/profile.ts), for a panel most readers never open. The items render in
 * the same update that opens the menu, before it slides in, and stay rendered afterwards.
 */
function DocSidebarMobileSecondaryMenu({ menu: { sidebar, path } }: MenuProps): ReactNode {
  const mobileSidebar = useNavbarMobileSidebar();
  // State derived during render (React's documented pattern): no extra commit before the items show.
  const [opened, setOpened] = useState(mobileSidebar.shown);
  if (mobileSidebar.shown && !opened) setOpened(true);
  if (!opened) return <ul className={clsx(ThemeClassNames.docs.docSidebarMenu, 'menu__list')} />;
  return (
    <ul className={clsx(ThemeClassNames.docs.docSidebarMenu, 'menu__list')}>
      <DocSidebarItems
        items={sidebar}
        activePath={path}
        onItemClick={(item) => {
          // Mobile sidebar should only be closed if the category has a link
          if ((item.type === 'category' && item.href) || item.type === 'link') mobileSidebar.toggle();
        }}
        level={1}
      />
    </ul>
  );
}

/**
 * The theme's mobile doc sidebar, with its props passed as one object. NavbarSecondaryMenuFiller
 * memoizes props by sorting their keys with localeCompare; with two keys that is the page's first
 * localeCompare, which builds ICU's collator during the render after hydration: 75 ms of one long
 * task on a phone-speed CPU (scripts/bench/profile.ts). With one key there is nothing to sort.
 */
function DocSidebarMobile({ sidebar, path }: Props): ReactNode {
  const menu = useMemo(() => ({ sidebar, path }), [sidebar, path]);
  return <NavbarSecondaryMenuFiller component={DocSidebarMobileSecondaryMenu} props={{ menu }} />;
}

export default memo(DocSidebarMobile);
