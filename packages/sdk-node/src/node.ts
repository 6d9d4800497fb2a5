export { type UploadFileOptions, type UploadProgress, uploadFile } from './lib/upload-file';
