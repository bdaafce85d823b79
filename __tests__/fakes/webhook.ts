/**
 * A webhook receiver on 127.0.0.1 that verifies each delivery the way a
 * receiver of OpenAI's own webhooks does, with the openai SDK's `webhooks.unwrap`.
 */
import * as http from 'node:http'
import OpenAI from 'openai'
import { Loopback, loopback, LoopbackOptions } from './loopback'

export interface Delivery {
  headers: http.IncomingHttpHeaders
  /** The address the delivery came from (a proxy's, when it came through one). */
  from: string | undefined
  body: string
  /** The event, when the signature verified; undefined when it did not. */
  event: { id: string; type: string; object: string; created_at: number; data: Record<string, unknown> } | undefined
  error?: string
}

export class FakeWebhookReceiver {
  readonly deliveries: Delivery[] = []
  /** Answer 503 to everything, as a receiver that is down. */
  down = false
  private server: Loopback | undefined
  private readonly client = new OpenAI({ apiKey: 'unused' })
  url = ''

  /** `listen`: where and how it listens (loopback.ts). */
  constructor(
    readonly secret = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`,
    private readonly listen: LoopbackOptions = {}
  ) {}

  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res), this.listen)
    this.url = `${this.server.origin}/hooks/openai`
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  /** Verified events, by batch id. */
  events(): Delivery['event'][] {
    return this.deliveries.filter(d => d.event).map(d => d.event)
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    if (this.down) {
      res.writeHead(503)
      return void res.end()
    }
    const body = Buffer.concat(chunks).toString('utf8')
    const delivery: Delivery = { headers: req.headers, from: req.socket.remoteAddress, body, event: undefined }
    try {
      delivery.event = (await this.client.webhooks.unwrap(
        body,
        req.headers as Record<string, string>,
        this.secret
      )) as unknown as Delivery['event']
    } catch (e) {
      delivery.error = (e as Error).message
    }
    this.deliveries.push(delivery)
    res.writeHead(delivery.event ? 200 : 400)
    res.end()
  }
}
