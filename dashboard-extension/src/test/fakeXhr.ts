/** An XMLHttpRequest stand-in for multipart uploads: records what is sent, answers as scripted. */

export type SentUpload = {
  headers: Record<string, string>;
  operations: { query: string; variables: Record<string, unknown> };
  map: Record<string, string[]>;
  fileNames: string[];
};

export type XhrAnswer = { status?: number; body: unknown };

export function fakeXhrFactory(answer: (upload: SentUpload) => XhrAnswer) {
  const sent: SentUpload[] = [];
  class FakeXhr {
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    status = 0;
    statusText = "";
    responseText = "";
    timeout = 0;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    private headers: Record<string, string> = {};

    open(): void {}

    setRequestHeader(name: string, value: string): void {
      this.headers[name] = value;
    }

    send(body: FormData): void {
      const record: SentUpload = {
        headers: this.headers,
        operations: JSON.parse(String(body.get("operations"))),
        map: JSON.parse(String(body.get("map"))),
        fileNames: Object.keys(JSON.parse(String(body.get("map")))).map((key) => (body.get(key) as File).name),
      };
      sent.push(record);
      const reply = answer(record);
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 });
        this.status = reply.status ?? 200;
        this.responseText = JSON.stringify(reply.body);
        this.onload?.();
      }, 0);
    }
  }
  return { sent, createXhr: () => new FakeXhr() as unknown as XMLHttpRequest };
}
