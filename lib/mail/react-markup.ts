import "server-only";
import path from "node:path";
import type { ReactElement } from "react";

// React Email's templates are ordinary React elements; turning them into HTML needs
// `react-dom/server`. Keydesk's processes (the worker, the CLI, Next.js's server-action layer) run
// with the `react-server` export condition, under which `react-dom/server` is a module that only
// throws. So the renderer is loaded here at run time with Node's default conditions: the request
// is made through a `require` the bundler cannot see, and — only while that one module tree loads —
// the bare names `react` and `react-dom` are pointed at their client builds. Element objects are
// plain data tagged with global symbols, so elements built by the server build of React render
// fine; the React Email components use no hooks.

type TRenderToStaticMarkup = (element: ReactElement) => string;

interface TModuleInternals {
  _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
  createRequire: (filename: string) => NodeJS.Require;
}

let renderer: TRenderToStaticMarkup | undefined;

function loadRenderer(): TRenderToStaticMarkup {
  const Module = process.getBuiltinModule("node:module") as unknown as TModuleInternals;
  const requireFromRoot = Module.createRequire(path.join(process.cwd(), "package.json"));
  const reactDir = path.dirname(requireFromRoot.resolve("react/package.json"));
  const reactDomDir = path.dirname(requireFromRoot.resolve("react-dom/package.json"));
  const clientBuilds: Record<string, string> = {
    react: path.join(reactDir, "index.js"),
    "react-dom": path.join(reactDomDir, "index.js"),
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    return clientBuilds[request] ?? resolve.call(this, request, parent, ...rest);
  };
  try {
    const server = requireFromRoot(path.join(reactDomDir, "server.node.js")) as {
      renderToStaticMarkup: TRenderToStaticMarkup;
    };
    return server.renderToStaticMarkup;
  } finally {
    Module._resolveFilename = resolve;
  }
}

/** Renders a (React Email) element tree to static HTML, synchronously. */
export function renderToStaticMarkup(element: ReactElement): string {
  renderer ??= loadRenderer();
  return renderer(element);
}
