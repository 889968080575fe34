import { AppError, defineErrors } from './app-error';

describe('defineErrors', () => {
  const Errors = defineErrors('BILLING', {
    INVOICE_LOCKED: { status: 409, title: 'The invoice is locked' },
  });

  it('builds AppErrors with a module-qualified code, its status, title and fields', () => {
    const error = Errors.INVOICE_LOCKED('Invoice 7 was closed.', [
      { field: 'body.amount', message: 'locked' },
    ]);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'BILLING.INVOICE_LOCKED',
      status: 409,
      title: 'The invoice is locked',
      message: 'Invoice 7 was closed.',
    });
    expect(error.fields).toEqual([{ field: 'body.amount', message: 'locked' }]);
    expect(Errors.codes.INVOICE_LOCKED).toBe('BILLING.INVOICE_LOCKED');
  });

  it('uses the title as the detail when none is given', () => {
    expect(Errors.INVOICE_LOCKED().message).toBe('The invoice is locked');
  });
});
