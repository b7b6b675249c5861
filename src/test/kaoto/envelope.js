// The editor side, as the Kaoto VS Code extension's webview starts it: kie-tools' editor envelope
// with Kaoto's public KaotoEditorFactory, talking to its host (host.jsx) over postMessage.
import { init } from '@kie-tools-core/editor/dist/envelope';
import { NoOpKeyboardShortcutsService } from '@kie-tools-core/keyboard-shortcuts/dist/envelope';
import { KaotoEditorFactory } from '@kaoto/kaoto';

/** Kaoto's factory as it is; only an error in setContent is logged (the envelope swallows it). */
class LoggingKaotoEditorFactory extends KaotoEditorFactory {
  async createEditor(envelopeContext, initArgs) {
    const editor = await super.createEditor(envelopeContext, initArgs);
    const setContent = editor.setContent.bind(editor);
    editor.setContent = (path, content) =>
      setContent(path, content).catch((error) => {
        console.error(`Kaoto could not open ${path}: ${error?.stack ?? error}`);
        throw error;
      });
    return editor;
  }
}

init({
  container: document.getElementById('envelope-app'),
  bus: { postMessage: (message, _targetOrigin, transfer) => window.parent.postMessage(message, '*', transfer) },
  editorFactory: new LoggingKaotoEditorFactory(),
  keyboardShortcutsService: new NoOpKeyboardShortcutsService(),
});
