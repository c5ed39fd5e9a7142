import React, { memo, useMemo, type ReactNode } from 'react';
import clsx from 'clsx';
import { NavbarSecondaryMenuFiller, ThemeClassNames } from '@docusaurus/theme-common';
import { useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/DocSidebar/Mobile';
import DocSidebarItems from '@theme/DocSidebarItems';

interface MenuProps {
  menu: Pick<Props, 'sidebar' | 'path'>;
}

/** The theme's DocSidebarMobileSecondaryMenu, unchanged but for reading its props from `menu`. */
function DocSidebarMobileSecondaryMenu({ menu: { sidebar, path } }: MenuProps): ReactNode {
  const mobileSidebar = useNavbarMobileSidebar();
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
