import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Controls and the attribute / property / event / part / CSS-property tables come from the
// manifest the build generates from the elements' JSDoc, so docs cannot drift from code.
import manifest from '../dist/custom-elements.json';

setCustomElementsManifest(manifest);

// A neutral page: a system sans font and a quiet background, so a story shows the widgets as a
// portal would, not on the browser's serif default.
const page = document.createElement('style');
page.textContent = `body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; background: #f6f8fa; color: #1f2328; }`;
document.head.append(page);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    docs: { toc: true },
  },
};
export default preview;
