import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Vue renders the kit's tags as custom elements, not as Vue components.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('crm-') } } })],
});
