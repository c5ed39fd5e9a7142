import type { Plugin } from '@docusaurus/types';
import { machineFontInventory } from '../diagrams/fonts';

interface VersionedCache {
  version?: string;
}

const withFonts = (cache: unknown, fingerprint: string): VersionedCache | undefined =>
  cache && typeof cache === 'object' ? { ...(cache as VersionedCache), version: `${(cache as VersionedCache).version ?? ''}-fonts-${fingerprint}` } : undefined;

/**
 * The bundler's persistent cache keeps compiled pages, and with them the diagrams drawn into them
 * (src/remark/prerender-diagrams). Those SVGs are only right for the fonts they were measured with,
 * so the cache version carries the machine's font fingerprint: installing or removing a font
 * compiles the pages, and redraws their diagrams, again.
 */
export default function diagramFontsCachePlugin(): Plugin {
  return {
    name: 'diagram-fonts-cache',
    configureWebpack(config) {
      const { fingerprint } = machineFontInventory();
      const experiments = config.experiments as { cache?: unknown } | undefined;
      const rspackCache = withFonts(experiments?.cache, fingerprint); // Rspack (future.faster)
      const webpackCache = withFonts(config.cache, fingerprint); // webpack's filesystem cache
      return {
        ...(rspackCache ? { experiments: { cache: rspackCache } } : {}),
        ...(webpackCache ? { cache: webpackCache } : {}),
      } as Record<string, unknown>;
    },
  };
}
