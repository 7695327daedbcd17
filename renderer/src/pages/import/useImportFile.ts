// The file being imported and the path the core reads it from. Desktop: the path the file dialog gave, read in place.
// Browser (serve): the picked File is uploaded on demand — the server deletes an upload as soon as an import.run that
// read it ends (whatever the outcome), so after each run the upload is marked consumed and the same File is sent
// again before the next preview or run.
import { useCallback, useRef, useState } from 'react';
import { api, ApiError } from '../../api';

export interface PickedFile {
  /** Tells picks apart (the same file picked twice is a new pick: its preview is read again). */
  id: number;
  /** What the user sees: the browser File's own name, or the path from the desktop file dialog. */
  name: string;
  /** Desktop: the path the core reads. Absent for browser picks (they are uploaded). */
  path?: string;
}

export function useImportFile() {
  const nextId = useRef(1);
  /** The current browser pick and its File. */
  const browserFile = useRef<{ id: number; file: File } | null>(null);
  /** The upload of the current browser pick (in flight or done), until an import.run consumes it. */
  const upload = useRef<{ id: number; path: Promise<string> } | null>(null);
  const [uploads, setUploads] = useState(0);

  /** A new pick: a dropped/chosen browser File, or (desktop, no File) the file dialog. Null when nothing was picked. */
  const pick = useCallback(async (file?: File): Promise<PickedFile | null> => {
    const id = nextId.current++;
    if (file && api.face() !== 'electron') {
      browserFile.current = { id, file };
      upload.current = null;
      return { id, name: file.name };
    }
    const path = await api.fileForImport(file);
    return path ? { id, name: path, path } : null;
  }, []);

  /** The path to hand to import.preview / import.run: uploads the File first when it has no live upload. */
  const pathFor = useCallback((picked: PickedFile): Promise<string> => {
    if (picked.path) return Promise.resolve(picked.path);
    if (upload.current?.id === picked.id) return upload.current.path;
    const source = browserFile.current;
    if (source?.id !== picked.id) {
      return Promise.reject(new ApiError({ code: 'NOT_FOUND', message: '找不到所选文件，请重新选择。' }));
    }
    setUploads((n) => n + 1);
    const path = api
      .fileForImport(source.file)
      .then((p) => {
        if (!p) throw new ApiError({ code: 'IMPORT_FAILED', message: '上传失败，请重新选择文件。' });
        return p;
      })
      .finally(() => setUploads((n) => n - 1));
    const entry = { id: picked.id, path };
    upload.current = entry;
    // A failed upload is not kept: the next preview or run tries again.
    path.catch(() => {
      if (upload.current === entry) upload.current = null;
    });
    return path;
  }, []);

  /** An import.run that read this pick has ended: the server has deleted its upload. */
  const consumed = useCallback((picked: PickedFile) => {
    if (!picked.path && upload.current?.id === picked.id) upload.current = null;
  }, []);

  return { pick, pathFor, consumed, uploading: uploads > 0 };
}

/**
 * The name to show for a batch's recorded file: a browser upload (saved by the server as uploads/<time>-<hex>-<name>)
 * shows the name it had on the user's machine (as the server made it safe); a desktop path is shown as it is.
 */
export function shownFileName(recorded: string | null): string | null {
  if (!recorded) return recorded;
  const parts = recorded.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? recorded;
  const upload = parts[parts.length - 2] === 'uploads' ? /^\d+-[0-9a-f]{8}-(.+)$/.exec(base) : null;
  return upload ? upload[1]! : recorded;
}
