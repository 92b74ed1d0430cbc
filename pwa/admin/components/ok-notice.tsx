/** What a write did, said above the form or list it came from (the green banner; FormErrors is the red one). */
import type { ComponentChildren } from "preact";

export function OkNotice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice notice--ok" role="status">
      {children}
    </p>
  );
}
