// The header every VDA 5050 message starts with (its own file so that the message modules can share it without a cycle).
export interface VdaHeader {
  headerId: number;
  timestamp: string;
  version: string;
  manufacturer: string;
  serialNumber: string;
}
