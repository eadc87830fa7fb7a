// A host that accepts connections and never answers, on 127.0.0.1: what a service behind a load balancer looks like when its backend hangs (the TCP handshake succeeds, no HTTP answer ever comes).
import net from 'node:net'

export interface SilentServer {
  /** http://127.0.0.1:PORT */
  url: string
  host: string
  /** Connections accepted so far: each attempt of a request on a fresh connection adds one. */
  connections: number
  /** The request heads received, one per request line seen. */
  requests: string[]
  close(): Promise<void>
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>()
  const state = { connections: 0, requests: [] as string[] }
  const server = net.createServer(socket => {
    state.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.on('data', d => {
      for (const line of d.toString('latin1').split('\r\n')) {
        if (/^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line)) state.requests.push(line)
      }
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`
  return {
    url: `http://${host}`,
    host,
    get connections() {
      return state.connections
    },
    requests: state.requests,
    close: () =>
      new Promise<void>(r => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}
