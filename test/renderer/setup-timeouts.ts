import { configure } from '@testing-library/react';

// CI machines run the whole suite on two cores beside Chromium and child engines: findBy*/waitFor
// get the time a loaded machine needs, instead of the 1 s default that makes them flaky.
configure({ asyncUtilTimeout: 5_000 });
