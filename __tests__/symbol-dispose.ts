// Jest runs each test file in a vm context, where Node 22 before 22.19 has no Symbol.dispose: Node defines it
// (as Symbol.for('nodejs.dispose')) on the main context only, and undici 8 reads it from the disposable that
// events.addAbortListener returns. Give the test context the same symbol, as the main context has it.
const symbols = Symbol as unknown as { dispose?: symbol }
if (symbols.dispose === undefined) {
  Object.defineProperty(Symbol, 'dispose', { value: Symbol.for('nodejs.dispose') })
}

export {}
