// Public entry of the Node backend.
export {};
