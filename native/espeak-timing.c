/*
 * espeak-timing: synthesize text with espeak-ng and report word and phoneme times.
 *
 * Runs as its own process on purpose: espeak-ng is GPL, Orator is Apache-2.0, so we talk to it
 * over argv/stdin/stdout instead of linking it into Node.
 *
 * usage: espeak-timing --voice NAME [--rate WPM] [--pitch 0..99] --out FILE.wav  < text (UTF-8)
 *
 * Writes a 16-bit mono WAV at espeak's native rate and prints one TSV line per event on stdout:
 *   rate     <sample rate>
 *   word     <seconds> <text position, 1-based chars> <length, chars>
 *   phoneme  <seconds> <espeak phoneme mnemonic>
 *   sentence <seconds>
 *   end      <seconds>          (end of clause or sentence)
 *   done     <seconds of audio written>
 * Exit status: 0 ok, 2 bad arguments, 3 voice not found, 4 synthesis or I/O failure.
 */
#include <espeak-ng/speak_lib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *wav;
static int sample_rate;
static uint32_t samples_written;
static int io_failed;

static void write_u32(unsigned char *p, uint32_t v) {
  p[0] = v & 0xff; p[1] = (v >> 8) & 0xff; p[2] = (v >> 16) & 0xff; p[3] = (v >> 24) & 0xff;
}

static void write_u16(unsigned char *p, uint16_t v) {
  p[0] = v & 0xff; p[1] = (v >> 8) & 0xff;
}

/* A canonical 44-byte PCM header; written once as a placeholder and again with the final sizes. */
static int write_header(uint32_t data_bytes) {
  unsigned char h[44];
  memcpy(h, "RIFF", 4); write_u32(h + 4, 36 + data_bytes); memcpy(h + 8, "WAVE", 4);
  memcpy(h + 12, "fmt ", 4); write_u32(h + 16, 16); write_u16(h + 20, 1); write_u16(h + 22, 1);
  write_u32(h + 24, (uint32_t)sample_rate); write_u32(h + 28, (uint32_t)sample_rate * 2);
  write_u16(h + 32, 2); write_u16(h + 34, 16);
  memcpy(h + 36, "data", 4); write_u32(h + 40, data_bytes);
  if (fseek(wav, 0, SEEK_SET) != 0) return -1;
  return fwrite(h, 1, sizeof h, wav) == sizeof h ? 0 : -1;
}

static int on_synth(short *samples, int count, espeak_EVENT *events) {
  if (samples && count > 0) {
    /* WAV is little-endian; so is every machine we build for, but say so rather than assume. */
    for (int i = 0; i < count; i++) {
      unsigned char b[2];
      write_u16(b, (uint16_t)samples[i]);
      if (fwrite(b, 1, 2, wav) != 2) io_failed = 1;
    }
    samples_written += (uint32_t)count;
  }
  for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
    double t = e->audio_position / 1000.0;
    switch (e->type) {
      case espeakEVENT_WORD:
        printf("word\t%.3f\t%d\t%d\n", t, e->text_position, e->length);
        break;
      case espeakEVENT_PHONEME: {
        char name[9];
        memcpy(name, e->id.string, 8);
        name[8] = '\0';
        printf("phoneme\t%.3f\t%s\n", t, name);
        break;
      }
      case espeakEVENT_SENTENCE:
        printf("sentence\t%.3f\n", t);
        break;
      case espeakEVENT_END:
        printf("end\t%.3f\n", t);
        break;
      default:
        break;
    }
  }
  return 0;
}

static char *read_stdin(void) {
  size_t cap = 8192, len = 0;
  char *buf = malloc(cap);
  if (!buf) return NULL;
  for (;;) {
    if (len + 4096 + 1 > cap) {
      cap *= 2;
      char *next = realloc(buf, cap);
      if (!next) { free(buf); return NULL; }
      buf = next;
    }
    size_t n = fread(buf + len, 1, 4096, stdin);
    len += n;
    if (n == 0) break;
  }
  buf[len] = '\0';
  return buf;
}

int main(int argc, char **argv) {
  const char *voice = NULL, *out = NULL;
  int rate = 175, pitch = 50;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--voice") == 0) voice = argv[++i];
    else if (i + 1 < argc && strcmp(argv[i], "--rate") == 0) rate = atoi(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--pitch") == 0) pitch = atoi(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--out") == 0) out = argv[++i];
    else { fprintf(stderr, "espeak-timing: unknown argument %s\n", argv[i]); return 2; }
  }
  if (!voice || !out) {
    fprintf(stderr, "usage: espeak-timing --voice NAME [--rate WPM] [--pitch 0..99] --out FILE.wav < text\n");
    return 2;
  }
  char *text = read_stdin();
  if (!text) { fprintf(stderr, "espeak-timing: out of memory\n"); return 4; }

  sample_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_DONT_EXIT);
  if (sample_rate <= 0) { fprintf(stderr, "espeak-timing: espeak_Initialize failed\n"); return 4; }
  if (espeak_SetVoiceByName(voice) != EE_OK) { fprintf(stderr, "espeak-timing: voice not found: %s\n", voice); return 3; }
  espeak_SetParameter(espeakRATE, rate, 0);
  espeak_SetParameter(espeakPITCH, pitch, 0);
  espeak_SetSynthCallback(on_synth);

  wav = fopen(out, "wb");
  if (!wav) { perror("espeak-timing: open output"); return 4; }
  if (write_header(0) != 0) { perror("espeak-timing: write"); return 4; }
  printf("rate\t%d\n", sample_rate);

  espeak_ERROR err = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
  if (err == EE_OK) err = espeak_Synchronize();
  if (err != EE_OK) { fprintf(stderr, "espeak-timing: synthesis failed (%d)\n", err); return 4; }

  if (write_header(samples_written * 2) != 0 || io_failed || fclose(wav) != 0) {
    perror("espeak-timing: write");
    return 4;
  }
  printf("done\t%.3f\n", (double)samples_written / sample_rate);
  espeak_Terminate();
  free(text);
  return 0;
}
