import { Button } from 'react-aria-components';
import type { ButtonProps } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

interface PendingButtonProps extends Omit<ButtonProps, 'isPending' | 'className'> {
  pending: boolean;
  className: string;
}

/**
 * A button that shows work in progress without losing focus: presses are ignored while
 * pending and a polite live region says so. (react-aria's own isPending announces through a
 * reference to the button, which dangles once a page or list item goes away.)
 */
export function PendingButton({ pending, className, onPress, type, children, ...props }: PendingButtonProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button
        {...props}
        type={pending ? 'button' : type}
        className={pending ? `${className} is-pending` : className}
        aria-busy={pending || undefined}
        onPress={pending ? undefined : onPress}
      >
        {children}
      </Button>
      <span role="status" className="visually-hidden">
        {pending ? t('common.working') : ''}
      </span>
    </>
  );
}
