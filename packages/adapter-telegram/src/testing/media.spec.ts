import { InputFile, type Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { apiFor } from './simulator-test-support.spec-helper.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('Bot API simulator: files', () => {
  let sim: BotApiSimulator;
  let api: Api;
  let customer: SimulatedCustomer;

  beforeEach(async () => {
    sim = await startBotApiSimulator({ limits: { uploadBytes: 64 * 1024, photoBytes: 1024, downloadBytes: 2048, captionLength: 10 } });
    api = apiFor(sim);
    customer = sim.customer({ id: 4242, firstName: 'Anna' });
  });

  afterEach(() => sim.close());

  async function download(filePath: string | undefined): Promise<Response> {
    return fetch(`${sim.url}/file/bot${sim.token}/${filePath ?? ''}`);
  }

  it('stores a multipart photo upload with its caption and re-sends it by file_id', async () => {
    const sent = await api.sendPhoto(4242, new InputFile(PNG, 'chart.png'), { caption: '<b>chart</b>', parse_mode: 'HTML' });
    expect(sent.photo).toHaveLength(2);
    expect(sent).toMatchObject({ caption: 'chart', caption_entities: [{ type: 'bold', offset: 0, length: 5 }] });
    const [entry] = customer.received();
    expect(entry).toMatchObject({ text: 'chart', html: '<b>chart</b>', file: { kind: 'photo', size: PNG.length } });
    expect(Buffer.from(sim.fileData(entry?.file?.fileId ?? '') ?? [])).toEqual(Buffer.from(PNG));
    expect(sim.calls('sendPhoto')[0]?.payload).toMatchObject({ chat_id: '4242', photo: { fileName: 'chart.png', size: PNG.length } });

    const fileId = sent.photo?.at(-1)?.file_id ?? '';
    const again = await api.sendPhoto(4242, fileId);
    expect(again.photo?.map((size) => size.file_id)).toEqual(sent.photo?.map((size) => size.file_id));
    await expect(api.sendDocument(4242, fileId)).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: type of file mismatch' });
    await expect(api.sendPhoto(4242, 'no-such-file')).rejects.toMatchObject({ description: 'Bad Request: wrong file identifier/HTTP URL specified' });
  });

  it('stores a document with its name and a mime type derived from it, downloadable through getFile', async () => {
    const question = customer.sendText('the form?');
    const sent = await api.sendDocument(4242, new InputFile(new TextEncoder().encode('%PDF-1.4 form'), 'form.pdf'), { reply_parameters: { message_id: question.message_id } });
    expect(sent.document).toMatchObject({ file_name: 'form.pdf', mime_type: 'application/pdf', file_size: 13 });
    expect(sent.reply_to_message?.message_id).toBe(question.message_id);
    expect(customer.received()[0]?.file).toMatchObject({ kind: 'document', fileName: 'form.pdf', mimeType: 'application/pdf', size: 13 });
    const file = await api.getFile(sent.document?.file_id ?? '');
    expect(file).toMatchObject({ file_id: sent.document?.file_id, file_size: 13, file_path: expect.stringMatching(/^documents\/file_\d+\.pdf$/) });
    const response = await download(file.file_path);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-1.4 form');
    expect(await api.sendDocument(4242, sent.document?.file_id ?? '')).toMatchObject({ document: { file_id: sent.document?.file_id } });
  });

  it("lets the bot fetch a customer's photo and refuses files beyond the download limit", async () => {
    const photo = customer.sendPhoto(PNG, { caption: 'my card' });
    expect(photo).toMatchObject({ caption: 'my card', photo: [{ width: 90 }, { width: 800 }] });
    const file = await api.getFile(photo.photo?.at(-1)?.file_id ?? '');
    expect(Buffer.from(await (await download(file.file_path)).arrayBuffer())).toEqual(Buffer.from(PNG));

    const large = customer.sendLargeDocument(4096, { fileName: 'scan.pdf', mimeType: 'application/pdf' });
    expect(large.document).toMatchObject({ file_name: 'scan.pdf', mime_type: 'application/pdf', file_size: 4096 });
    await expect(api.getFile(large.document?.file_id ?? '')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: file is too big' });
    await expect(api.getFile('unknown')).rejects.toMatchObject({ description: 'Bad Request: invalid file_id' });
    expect((await download('documents/nothing.pdf')).status).toBe(404);
    expect((await fetch(`${sim.url}/file/bot123:wrong/${file.file_path ?? ''}`)).status).toBe(401);
  });

  it('carries voice and video messages from the customer', async () => {
    const voice = customer.sendVoice(new Uint8Array([1, 2]), { duration: 3 });
    const video = customer.sendVideo(new Uint8Array([3]), { caption: 'clip' });
    expect(voice.voice).toMatchObject({ duration: 3, mime_type: 'audio/ogg', file_size: 2 });
    expect(video).toMatchObject({ caption: 'clip', video: { file_name: 'video.mp4', mime_type: 'video/mp4', file_size: 1 } });
    expect(sim.chatLog(4242).map((entry) => entry.file?.kind)).toEqual(['voice', 'video']);
  });

  it('enforces the upload, photo and caption limits without effect', async () => {
    await expect(api.sendDocument(4242, new InputFile(new Uint8Array(64 * 1024 + 1), 'big.bin'))).rejects.toMatchObject({
      error_code: 413,
      description: 'Request Entity Too Large',
    });
    await expect(api.sendPhoto(4242, new InputFile(new Uint8Array(1025), 'big.jpg'))).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: file is too big' });
    await expect(api.sendPhoto(4242, new InputFile(PNG), { caption: 'x'.repeat(11) })).rejects.toMatchObject({ description: 'Bad Request: message caption is too long' });
    await expect(api.sendDocument(4242, new InputFile(new Uint8Array(0), 'empty.txt'))).rejects.toMatchObject({ description: 'Bad Request: file must be non-empty' });
    expect(customer.received()).toEqual([]);
    expect(await api.sendMessage(4242, 'still fine')).toMatchObject({ text: 'still fine' });
  });
});
