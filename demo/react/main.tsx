import { createRoot } from 'react-dom/client';
import { App } from './app.js';

const response = await fetch('/api/data');
createRoot(document.getElementById('root')!).render(<App payload={await response.json()} />);
