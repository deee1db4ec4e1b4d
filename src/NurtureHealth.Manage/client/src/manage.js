// The workspace page's script: the live check and preview as a manager types, and CodeMirror for message text.
// Bundled by esbuild (npm run build) into ../Assets/manage.js; the page loads it from /manage/assets, nothing else.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";

const WAIT_MS = 400;

function livePreview(form) {
  const target = document.getElementById("preview");
  if (!target || !form.dataset.preview) return;
  let timer = null;
  let latest = 0;
  const refresh = async () => {
    const ticket = ++latest;
    target.classList.add("busy");
    try {
      const response = await fetch(form.dataset.preview, { method: "POST", body: new FormData(form), credentials: "same-origin" });
      if (ticket !== latest) return; // a newer keystroke's answer is on its way
      if (response.ok) {
        target.innerHTML = await response.text();
      } else if (response.status === 429) {
        timer = setTimeout(refresh, 1000); // too many at once: keep what is shown, ask again in a moment
      } else if (response.status === 401 || response.status === 403 || response.redirected) {
        target.innerHTML = '<p class="refused">Your session has ended. Reload the page to sign in again; what you typed is still in the form.</p>';
      } else {
        target.innerHTML = '<p class="refused">The preview could not be made (' + response.status + '). Try again in a moment.</p>';
      }
    } catch {
      if (ticket === latest) target.innerHTML = '<p class="refused">The workspace did not answer. Check your connection; what you typed is still in the form.</p>';
    } finally {
      if (ticket === latest) target.classList.remove("busy");
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT_MS);
  };
  // The pickers in the preview pane belong to the form by their form= attribute, so listen on the whole page.
  document.addEventListener("input", (e) => { if (e.target.form === form) later(); });
  document.addEventListener("change", (e) => { if (e.target.form === form) later(); });
  form.addEventListener("workspace-edit", later);
}

function editor(textarea) {
  const form = textarea.form;
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), EditorView.lineWrapping,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorState.readOnly.of(textarea.readOnly),
        EditorView.contentAttributes.of({ "aria-label": "Message text" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            form?.dispatchEvent(new Event("workspace-edit"));
          }
        }),
      ],
    }),
  });
  textarea.style.display = "none";
  textarea.insertAdjacentElement("afterend", view.dom);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-editor]").forEach(editor);
  const form = document.getElementById("workspace-form");
  if (form) livePreview(form);
});
