-- Orders carry the payment method they were paid with (issue 5, seed 000 §3 支払方法): the
-- Renkei payment method's ID, or NULL when the order came without one (every order before this,
-- imports that name none). Links map it to their own method (Smaregi's paymentMethodId).
ALTER TABLE orders ADD COLUMN payment_method_id TEXT REFERENCES payment_methods(id);
