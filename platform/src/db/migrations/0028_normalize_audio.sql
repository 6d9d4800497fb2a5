-- Per video: normalise the audio to EBU R128 loudness in the transcode (a measuring pass first).
ALTER TABLE "videos" ADD COLUMN "normalize_audio" boolean DEFAULT false NOT NULL;
