export default function HomePage() {
  return (
    <main>
      <h1>Keydesk</h1>
    </main>
  );
}
