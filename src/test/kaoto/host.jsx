// The host side, standing in for VS Code: kie-tools' EmbeddedEditor loads the envelope in an iframe
// and answers Kaoto's channel API (settings with the product's catalog, metadata, resources).
import { createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { ChannelType, EditorEnvelopeLocator, EnvelopeContentType, EnvelopeMapping } from '@kie-tools-core/editor/dist/api';
import { EmbeddedEditor } from '@kie-tools-core/editor/dist/embedded';
import { EmbeddedEditorChannelApiImpl } from '@kie-tools-core/editor/dist/embedded/embedded/EmbeddedEditorChannelApiImpl';
import { StateControl } from '@kie-tools-core/editor/dist/channel';

class KaotoHostChannelApi extends EmbeddedEditorChannelApiImpl {
  constructor(stateControl, file, host) {
    super(stateControl, file, 'en', {
      kogitoEditor_ready: () => host.onReady(),
      kogitoWorkspace_newEdit: (edit) => host.edits.push(edit),
      kogitoNotifications_setNotifications: (path, notifications) => host.notifications.push(...notifications),
    });
    this.host = host;
  }
  getCatalogURL() { return Promise.resolve(this.host.settings.catalogUrl); }
  getVSCodeKaotoSettings() { return Promise.resolve(this.host.settings); }
  getMetadata() { return Promise.resolve(undefined); }
  setMetadata() { return Promise.resolve(); }
  getResourceContent() { return Promise.resolve(undefined); }
  saveResourceContent() { return Promise.resolve(); }
  deleteResource() { return Promise.resolve(false); }
  askUserForFileSelection() { return Promise.resolve(undefined); }
  getSuggestions() { return Promise.resolve([]); }
  getRuntimeInfoFromMavenContext() { return Promise.resolve(undefined); }
  onStepUpdated(action, kind, name) { this.host.stepUpdates.push({ action, kind, name }); return Promise.resolve(); }
}

const locator = new EditorEnvelopeLocator(window.location.origin, [
  new EnvelopeMapping({
    type: 'kaoto',
    filePathGlob: '**/*.yaml',
    resourcesPathPrefix: '',
    envelopeContent: { type: EnvelopeContentType.PATH, path: 'envelope.html' },
  }),
]);

const root = createRoot(document.getElementById('host-app'));

/** What the test calls: open a file as VS Code would, read back what a save would write. */
window.harness = {
  settings: {
    // the catalog's URL, as kaoto.catalog.url gives it in VS Code
    catalogUrl: new URLSearchParams(window.location.search).get('catalog'),
    nodeLabel: 'description',
    nodeToolbarTrigger: 'onHover',
    colorScheme: 'light',
    experimentalFeatures: { enableDragAndDrop: false },
  },
  edits: [],
  notifications: [],
  stepUpdates: [],
  ready: false,
  opened: 0,
  editor: createRef(),
  onReady() { this.ready = true; },
  open(path, content) {
    this.ready = false;
    this.edits = [];
    this.notifications = [];
    this.stepUpdates = [];
    const file = {
      fileName: path.split('/').pop(),
      fileExtension: 'yaml',
      getFileContents: () => Promise.resolve(content),
      isReadOnly: false,
      normalizedPosixPathRelativeToTheWorkspaceRoot: path,
    };
    const stateControl = new StateControl();
    const channelApi = new KaotoHostChannelApi(stateControl, file, this);
    root.render(
      <div style={{ height: '100vh' }}>
        <EmbeddedEditor
          key={++this.opened}
          ref={this.editor}
          file={file}
          channelType={ChannelType.VSCODE_DESKTOP}
          editorEnvelopeLocator={locator}
          locale="en"
          customChannelApiImpl={channelApi}
          stateControl={stateControl}
        />
      </div>,
    );
  },
  /** What VS Code does when the open file changes on disk: the editor is given the new content. */
  load(path, content) {
    return this.editor.current.setContent(path, content);
  },
  /** What VS Code writes on save: the editor's content. */
  async content() {
    return this.editor.current.getContent();
  },
};
