import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Controls and the attribute / property / event / part / CSS-property tables come from the
// manifest the build generates from the elements' JSDoc, so docs cannot drift from code.
import manifest from '../dist/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    docs: { toc: true },
  },
};
export default preview;
