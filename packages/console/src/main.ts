/** The console's entry: registers `<mb-console-app>` and its pages (index.html has no inline script). */
import './app.ts';
