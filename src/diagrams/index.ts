export { COLOR_MODES, MERMAID_THEMES, type ColorMode } from './config';
export { DiagramCache, defaultCacheDir } from './cache';
export { chromiumAvailable, launchChromiumRenderer, mermaidVersion, type MermaidRenderer, type MermaidRenderRequest } from './browser-renderer';
export { createDiagramPrerenderer, sharedDiagramPrerenderer, type DiagramPrerenderer, type PrerenderedDiagram } from './prerender';
export { diagramId } from './svg-id';
export { MissingGlyphsError, machineFontInventory, readFontInventory, type FontInventory } from './fonts';
export { CLIENT_SUBDIR, DIAGRAM_MODULE_PREFIX, diagramModuleDir, writeDiagramModule } from './modules';
