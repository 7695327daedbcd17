// Ctrl+K anywhere: find a subject and open its profile.
import { Modal } from 'antd';
import { SubjectSearch } from './SubjectSearch';
import { useNav } from '../hooks/useNav';

export function GlobalSearch({ open, onClose }: { open: boolean; onClose: () => void }) {
  const nav = useNav();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="查找主体（Ctrl+K）" destroyOnHidden width={640}>
      <SubjectSearch
        autoFocus
        testId="global-search"
        onPick={(hit) => {
          onClose();
          nav.go('profile', { uscc: hit.uscc });
        }}
      />
    </Modal>
  );
}
