import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>Tablehop</h1>
      <p>World Café facilitation.</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
